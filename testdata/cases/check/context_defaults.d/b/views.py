class Home: pass
