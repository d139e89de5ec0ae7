from flask import Blueprint

bp = Blueprint("administration", __name__, url_prefix="/medewerkers/beheer")
