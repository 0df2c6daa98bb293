class Y: pass
