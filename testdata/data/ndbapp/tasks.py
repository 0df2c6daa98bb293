"""Task queue workers."""

from google.appengine.ext import ndb

from ndbapp import models
from ndbapp.models import Counter, UserData


def award_points(user_key, amount):
    user = user_key.get()
    user.points += amount
    user.put()  # data: write ndbapp.models.UserData inferred


def save_user_data(user_data):
    user_data.put()  # data: write ndbapp.models.UserData inferred


def add_coach(student, coach_id):
    if coach_id not in student.coaches:
        student.coaches.append(coach_id)
        student.put()  # data: write ndbapp.models.UserData inferred


def rename(user_id, nickname):
    ud = UserData.get_for_user_id(user_id)
    ud.nickname = nickname
    ud.put()  # data: write ndbapp.models.UserData inferred


def bump_streaks(students):
    changed = []
    for s in students:
        if s.streak >= 7:
            s.mastery_level = 1
            changed.append(s)
    ndb.put_multi(changed)  # data: write ndbapp.models.StudentProgress inferred


def persist(entity):
    entity.put()  # data: write ?


def stamp(item, when):
    item.updated = when
    item.put()  # data: write ?


def transfer_points(from_id, to_id, amount):
    @ndb.transactional(xg=True)
    def _txn():
        src = UserData.get_by_id(from_id)  # data: read ndbapp.models.UserData
        dst = UserData.get_by_id(to_id)  # data: read ndbapp.models.UserData
        src.points -= amount
        dst.points += amount
        ndb.put_multi([src, dst])  # data: write ndbapp.models.UserData
    _txn()


def remove_coach(coach_id, student_ids):
    def _detach(student_id):
        pupil = ndb.Key(UserData, student_id).get()  # data: read ndbapp.models.UserData
        if pupil is None or coach_id not in pupil.coaches:
            return
        pupil.coaches.remove(coach_id)
        pupil.put()  # data: write ndbapp.models.UserData

    for sid in student_ids:
        _detach(sid)


def increment(name):
    return ndb.transaction(lambda: Counter(id=name, count=1).put())  # data: write ndbapp.models.Counter


def nicknames(user_ids):
    fetch = lambda uid: models.UserData.get_by_id(uid)  # data: read ndbapp.models.UserData
    ranked = sorted((fetch(u) for u in user_ids), key=lambda u: -u.points)
    return [u.nickname for u in ranked]


def kind_lookup(user_id):
    return ndb.Key('UserData', user_id).get()  # data: read ndbapp.models.UserData
