from a import models


def notes():
    return models.Note.query().fetch()
