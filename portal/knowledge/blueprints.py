from flask import Blueprint

bp = Blueprint("knowledge", __name__, url_prefix="/medewerkers/kennisbank")
