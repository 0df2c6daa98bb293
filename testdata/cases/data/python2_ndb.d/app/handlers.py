import models


def bump(foo_id):
    foo = models.Foo.get_by_id(foo_id)
    foo.count += 1
    foo.put()
    print "bumped", foo_id
