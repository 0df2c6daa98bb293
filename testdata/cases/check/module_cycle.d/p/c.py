from p.a import run
