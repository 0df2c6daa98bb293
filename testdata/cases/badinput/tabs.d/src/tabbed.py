def f():
	import a
	if a:
		import b
	return a
class K:
	def m(self):
		from c import x
import	c
