"""The built site: the safe build, the link and offline check, the published-address ledger,
vendored JavaScript, the print line and the local web server.
"""
