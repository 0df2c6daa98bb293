import app.other
exec "s" garbage in d
exec f(x) in d  # a comment after it
