import d.w
