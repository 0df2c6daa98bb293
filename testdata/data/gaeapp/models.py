# Models of a code-review app in the shape of real App Engine ones (Rietveld, luci-py):
# key properties naming their kind, a PolyModel-free ndb tree.
from google.appengine.ext import ndb


class Issue(ndb.Model):  # model Issue
    subject = ndb.StringProperty()
    closed = ndb.BooleanProperty()


class PatchSet(ndb.Model):  # model PatchSet
    issue_key = ndb.KeyProperty(kind=Issue)  # data: reference gaeapp.models.Issue
    message = ndb.StringProperty()


class Patch(ndb.Model):  # model Patch
    patchset_key = ndb.KeyProperty(kind='PatchSet')  # data: reference gaeapp.models.PatchSet
    filename = ndb.StringProperty()


class Message(ndb.Model):  # model Message
    issue_key = ndb.KeyProperty(Issue)  # data: reference gaeapp.models.Issue
    sender = ndb.StringProperty()

    def fetch_issue(self):
        return self.issue_key.get()  # data: read gaeapp.models.Issue inferred


class TaskToRun(ndb.Model):  # model TaskToRun
    queue_number = ndb.IntegerProperty()


class TaskResultSummary(ndb.Model):  # model TaskResultSummary
    state = ndb.IntegerProperty()

    @classmethod
    def create(cls, state):
        summary = cls(state=state)
        summary.put()  # data: write gaeapp.models.TaskResultSummary
        return summary

    def put(self):
        return super(TaskResultSummary, self).put()  # data: write gaeapp.models.TaskResultSummary


def issue_key(issue_id):
    return ndb.Key(Issue, issue_id)  # data: reference gaeapp.models.Issue


def summary_key(task_id):
    return ndb.Key('TaskResultSummary', task_id)  # data: reference gaeapp.models.TaskResultSummary


def new_message(issue, sender):
    msg = Message(issue_key=issue.key, sender=sender)
    return msg


class TaskRunResult(ndb.Model):  # model TaskRunResult
    exit_code = ndb.IntegerProperty()


def run_result_key_to_result_summary_key(run_result_key):
    return run_result_key.parent()


def derive_key(child_key):
    return child_key.parent()


def split_patches(names):
    patches = []
    if not names:
        return []
    for name in names:
        patches.append(Patch(filename=name))
    return patches
