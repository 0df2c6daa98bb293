def award(player, amount):
    player.points += amount
    player.put()


def retitle(thing, title):
    thing.title = title
    thing.put()


def relabel(obj, label):
    obj.label = label
    obj.put()
