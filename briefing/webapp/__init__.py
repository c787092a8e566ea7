"""The Streamlit web app: chat with the news, the library, briefings and actors."""
