import app.users.models
