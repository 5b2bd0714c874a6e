"""The loan input's forms, a module per concern.

Field names are a stable interface: adviser links pre-fill the forms with them (GET /check/?...,
/debts/?...), tests post them, and saved results store them. Do not rename them; each module's
docstring lists its own.

    base     what every form of the site shares: RepayableForm, `bounded`, the one bound on a rate
    offer    the offer, as quoted terms (TermsForm) or as the plan the app shows (PlanForm), and
             the engine's errors put beside their fields; comparison prefixes
    budget   the borrower's month (BudgetForm) and repaying early (EarlyRepaymentForm)
    check    a loan check's (or comparison's) input read once a request: the forms of the mode
             typed, the engine's offer priced and budget built, and the form page's context
    debts    My debts: its month and up to ten loans already owed (a formset)
"""
