"""My debts (/debts/): every loan a borrower owes on one page, which to pay first and why, a plan
that shares what the budget leaves between the lenders, a letter to each, and what borrowing
again to pay them would do.

    plan    binds the forms (apps.loans.forms.debts) and asks the engine (apps.finance.debts)
    views   the form, the plan, the letters and the CSV
    urls    mounted at /debts/ (config/urls.py)
"""
