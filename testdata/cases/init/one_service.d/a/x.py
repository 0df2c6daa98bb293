import a.y
