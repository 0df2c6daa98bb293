def persist0(thing):
    thing.put()


def persist1(thing):
    thing.put()


def persist2(thing):
    thing.put()


def persist3(thing):
    thing.put()


def persist4(thing):
    thing.put()


def persist5(thing):
    thing.put()


def persist6(thing):
    thing.put()


def persist7(thing):
    thing.put()


def persist8(thing):
    thing.put()


def persist9(thing):
    thing.put()


def persist10(thing):
    thing.put()


def persist11(thing):
    thing.put()


def persist12(thing):
    thing.put()


def persist13(thing):
    thing.put()


def persist14(thing):
    thing.put()


def persist15(thing):
    thing.put()


def persist16(thing):
    thing.put()


def persist17(thing):
    thing.put()


def persist18(thing):
    thing.put()


def persist19(thing):
    thing.put()


def persist20(thing):
    thing.put()


def persist21(thing):
    thing.put()


def persist22(thing):
    thing.put()


