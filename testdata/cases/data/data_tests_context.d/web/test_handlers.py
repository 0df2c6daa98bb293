from accounts.models import User


def test_signup():
    User(name='ada').put()
    assert User.query().count() == 1
