"""The hosted text: editions of Working Together, numbered paragraphs, passages and anchors.
"""
