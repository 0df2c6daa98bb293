import app.utils
