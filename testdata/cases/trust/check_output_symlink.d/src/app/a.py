import app.b
