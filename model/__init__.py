"""Pure domain logic of Erta: the school calendar, curriculum, features, risk, explanations.

Nothing here touches a database, the network or MLflow, and nothing imports other Erta packages.
"""
