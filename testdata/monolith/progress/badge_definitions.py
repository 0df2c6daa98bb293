"""The badge catalogue."""


class Badge(object):
    def __init__(self, name, description, points, repeatable=False):
        self.name = name
        self.description = description
        self.points = points
        self.repeatable = repeatable


BADGES = dict((b.name, b) for b in [
    Badge('first-video', u'Watched your first video', 100),
    Badge('first-proficiency', u'Became proficient in an exercise', 500),
    Badge('streak-7', u'Learned something 7 days in a row', 1000, True),
    Badge('streak-30', u'Learned something 30 days in a row', 5000, True),
    Badge('hour-of-video', u'Watched an hour of video', 750, True),
    Badge('tenacity', u'Kept going after 5 wrong answers in a row', 250),
])


def get(name):
    return BADGES.get(name)
