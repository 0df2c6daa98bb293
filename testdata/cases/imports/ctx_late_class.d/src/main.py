import a
def f():
    import b
    def g():
        from c import x
class K:
    import d
    def m(self):
        import e
    class Inner:
        import f
async def h():
    import g
@staticmethod
def dec(arg=__import__('h')):
    import i
