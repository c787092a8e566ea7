"""The app's pages; each module has `render(service)`."""
