"""In-app notifications, email, push and SMS."""
