"""JSON API used by the mobile apps and the new front end."""
