"""The reference browser client served at /app/ (plain HTML, CSS and JavaScript modules in files/)."""
