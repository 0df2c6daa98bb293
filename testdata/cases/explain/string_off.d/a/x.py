HANDLER = 'b.y.handle'
