import a.x
