"""Public pages, API and feeds read the other apps' models; none of their own."""
