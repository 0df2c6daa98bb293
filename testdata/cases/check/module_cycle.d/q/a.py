import q.b
