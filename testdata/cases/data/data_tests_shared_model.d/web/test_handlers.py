from accounts.models import User


def test_signup():
    User(name='ada').put()
