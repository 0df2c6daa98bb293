import helper
print("py3")
