def handle(): pass
