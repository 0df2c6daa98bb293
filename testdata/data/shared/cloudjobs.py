"""Export jobs, stored with the Cloud NDB client library."""

from google.cloud import ndb as cloud_ndb


class ExportJob(cloud_ndb.Model):  # model ExportJob
    status = cloud_ndb.StringProperty(default='pending')
    destination = cloud_ndb.StringProperty()


class ExportRunner(object):
    def __init__(self, client):
        self.client = client

    def pending(self):
        with self.client.context():
            return ExportJob.query(ExportJob.status == 'pending').fetch()  # data: read shared.cloudjobs.ExportJob

    def schedule(self, destination):
        with self.client.context():
            job = ExportJob(destination=destination)
            job.put()  # data: write shared.cloudjobs.ExportJob
            return job.key.id()

    def finish(self, job_id):
        with self.client.context():
            job = ExportJob.get_by_id(job_id)  # data: read shared.cloudjobs.ExportJob
            if job is None:
                return False
            job.status = 'done'
            job.put()  # data: write shared.cloudjobs.ExportJob
            return True
