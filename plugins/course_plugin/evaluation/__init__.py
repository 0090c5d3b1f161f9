"""Results from the room: result codes (codes.py) and the session figures (figures.py).

The browser has its own implementation of each (assets/resultcode.js, assets/session.js);
README "Results from the room" is the one specification both follow, and the tests cross-check them.
"""
