def persist(thing):
    thing.put()


def stamp(item, when):
    item.updated = when
    item.put()
