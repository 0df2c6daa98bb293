"""Request handlers for the ndb-backed site."""

import json

import webapp2
from google.appengine.api import memcache
from google.appengine.ext import ndb

from ndbapp import models
from ndbapp.content import Article
from ndbapp.models import Account, LegacyBadge, UserData
from ndbapp.models import UserData as UD


class JsonHandler(webapp2.RequestHandler):
    def write_json(self, payload, status=200):
        self.response.status_int = status
        self.response.headers['Content-Type'] = 'application/json'
        self.response.write(json.dumps(payload))


class ProfileHandler(JsonHandler):
    def get(self):
        user_id = self.request.get('user_id')
        cached = memcache.get('profile:' + user_id)
        if cached is not None:
            self.response.write(cached)
            return
        user_data = UserData.get_for_user_id(user_id)
        if user_data is None:
            self.abort(404)
        self.write_json({'nickname': user_data.nickname, 'points': user_data.points})


class SignupHandler(JsonHandler):
    def post(self):
        user_id = self.request.get('user_id')
        user_data = UserData(id=user_id, user_id=user_id,
                             nickname=self.request.get('nickname'))
        user_data.put()  # data: write ndbapp.models.UserData
        Account(  # data: write ndbapp.models.Account
            email=self.request.get('email'),
            owner=user_data.key,
        ).put()
        self.write_json({'ok': True}, status=201)


class BadgeHandler(JsonHandler):
    def get(self):
        tier = int(self.request.get('tier', '1'))
        badges = ndb.gql("SELECT * FROM Badge WHERE tier = :1", tier).fetch(20)  # data: read ndbapp.models.LegacyBadge
        welcome = ndb.Key('Badge', 'first-login').get()  # data: read ndbapp.models.LegacyBadge
        names = [b.title for b in badges]
        if welcome is not None:
            names.insert(0, welcome.title)
        self.write_json({'badges': names})

    def delete(self):
        badge_id = int(self.request.get('id'))
        ndb.Key(LegacyBadge, badge_id).delete()  # data: write ndbapp.models.LegacyBadge
        self.write_json({'deleted': badge_id})


class ArticleHandler(JsonHandler):
    def get(self, article_id):
        article = Article.get_by_id(int(article_id))  # data: read ndbapp.content.Article
        if article is None:
            self.abort(404)
        self.write_json({'slug': article.slug, 'body': article.body})

    def delete(self, article_id):
        article = Article.get_by_id(int(article_id))  # data: read ndbapp.content.Article
        if article is not None:
            article.key.delete()  # data: write ndbapp.content.Article
        self.write_json({'deleted': article_id})


class LeaderboardHandler(JsonHandler):
    def get(self):
        options = {'limit': 10, 'offset': 0}
        limit = options.get('limit')
        query = (models.UserData.query()  # data: read ndbapp.models.UserData
                 .order(-models.UserData.points))
        top = query.fetch(limit, offset=options.get('offset'))
        self.write_json([{'nickname': u.nickname, 'points': u.points} for u in top])


class BatchProfileHandler(JsonHandler):
    def get(self):
        ids = self.request.get_all('id')
        futures = [UD.get_by_id_async(uid) for uid in ids]  # data: read ndbapp.models.UserData
        owner_future = ndb.Key(UserData, self.request.get('owner')).get_async()  # data: read ndbapp.models.UserData
        found = [f.get_result() for f in futures]
        owner = owner_future.get_result()
        self.write_json({
            'owner': owner.nickname if owner else None,
            'users': [u.nickname for u in found if u is not None],
        })


class PlanHandler(JsonHandler):
    def get(self):
        plan = self.request.get('plan', 'pro')
        accounts = Account.gql("WHERE plan = :1", plan).fetch(100)  # data: read ndbapp.models.Account
        owner_key = ndb.Key('UserData', self.request.get('owner'))  # data: reference ndbapp.models.UserData
        mine = [a.email for a in accounts if a.owner == owner_key]
        self.write_json({'count': len(accounts), 'mine': mine})


app = webapp2.WSGIApplication([
    ('/profile', ProfileHandler),
    ('/signup', SignupHandler),
    ('/badges', BadgeHandler),
    (r'/articles/(\d+)', ArticleHandler),
    ('/leaderboard', LeaderboardHandler),
    ('/profiles', BatchProfileHandler),
    ('/plans', PlanHandler),
])
