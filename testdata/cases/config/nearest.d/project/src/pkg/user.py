import sib
