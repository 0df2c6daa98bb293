"""webapp handlers for the forum."""

from google.appengine.ext import db
from google.appengine.ext import webapp

from dbapp import models
from dbapp.models import Circle, Feedback, Profile, Shape


class ProfilePage(webapp.RequestHandler):
    def get(self):
        name = self.request.get('name')
        profile = Profile.get_by_key_name(name)  # data: read dbapp.models.Profile
        if profile is None:
            self.error(404)
            return
        feedback = Feedback.gql("WHERE author = :1 ORDER BY __key__", profile.key()).fetch(20)  # data: read dbapp.models.Feedback
        self.response.out.write('%s (%d notes)' % (profile.display_name, len(feedback)))

    def post(self):
        profile = Profile.get_or_insert(self.request.get('name'))  # data: write dbapp.models.Profile
        profile.display_name = self.request.get('display_name')
        profile.put()  # data: write dbapp.models.Profile
        self.redirect('/profile?name=' + profile.key().name())


class FeedbackPage(webapp.RequestHandler):
    def post(self):
        author = Profile.get(self.request.get('author'))  # data: read dbapp.models.Profile
        Feedback(author=author, message=self.request.get('message')).put()  # data: write dbapp.models.Feedback
        self.redirect('/feedback')


class ShapesPage(webapp.RequestHandler):
    def get(self):
        shapes = Shape.all().fetch(100)  # data: read dbapp.models.Shape
        big = models.Circle.all().filter('radius >', 1.0).fetch(100)  # data: read dbapp.models.Circle
        self.response.out.write('%d shapes, %d big circles' % (len(shapes), len(big)))

    def post(self):
        radius = float(self.request.get('radius', '1'))
        Circle(color=self.request.get('color'), radius=radius).put()  # data: write dbapp.models.Circle


def leaderboard():
    return Profile.all().order('-karma').fetch(10)  # data: read dbapp.models.Profile


def reward(profile_entity):
    profile_entity.karma += 1
    profile_entity.put()  # data: write dbapp.models.Profile inferred


def create_pair(name, first_message):
    owner = Profile(key_name=name, display_name=name)
    note = Feedback(author=owner, message=first_message)
    db.put([owner, note])  # data: write dbapp.models.Profile ; write dbapp.models.Feedback
    return note


application = webapp.WSGIApplication([
    ('/profile', ProfilePage),
    ('/feedback', FeedbackPage),
    ('/shapes', ShapesPage),
])
