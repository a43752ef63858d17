"""The trainer's side: nbgrader set-up, release, collection, grading, feedback and export.

It may import ``course``; ``course``'s learner-side modules never import it, so nothing here
(nbgrader, keys, grades) is loaded into a learner's kernel.
"""
