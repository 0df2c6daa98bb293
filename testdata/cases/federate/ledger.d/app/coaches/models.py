from google.appengine.ext import ndb
from google.appengine.ext.ndb import polymodel


class Coach(ndb.Model):
    name = ndb.StringProperty()
    students = ndb.KeyProperty(kind='UserData', repeated=True)


class Lesson(polymodel.PolyModel):
    title = ndb.StringProperty(required=True)


class VideoLesson(Lesson):
    youtube_id = ndb.StringProperty()
