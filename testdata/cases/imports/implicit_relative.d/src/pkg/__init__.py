import only_here
