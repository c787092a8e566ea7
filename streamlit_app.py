"""The briefing web app: `streamlit run streamlit_app.py` (settings come from BRIEFING_* variables)."""

from briefing.webapp.app import main

main()
