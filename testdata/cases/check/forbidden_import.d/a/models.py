from b.handlers import view
import b.util
