import a.w
