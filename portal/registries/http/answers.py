"""Reading a register's answer into its pydantic model: a wrong shape is a clear error.

Every answer model allows fields we do not know (registers add fields in minor versions) but
checks the types of the ones we read. A wrong shape raises `RegistryAnswerInvalid` and logs
which field was wrong, never the values (they may be personal data).
"""

import logging
import re
from typing import Annotated, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationError

from portal.registries.base import RegistryAnswerInvalid

log = logging.getLogger(__name__)
Model = TypeVar("Model", bound=BaseModel)


def _trimmed(value):
    # The KVK pads some values with spaces ("Marktplein 1      9999AA Voorbeeld"); one space
    # between words is what people write. A null is read as an absent value.
    if value is None:
        return ""
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_trimmed)]
Needed = Annotated[str, BeforeValidator(_trimmed), StringConstraints(min_length=1)]


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


def parse(model: type[Model], data, register: str, what: str) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or '(answer)'}: {problem['msg']}"
            for problem in error.errors(include_input=False)
        )
        log.error("%s answer to %s not as its specification says: %s", register, what, problems)
        raise RegistryAnswerInvalid(register, f"{what}: {problems}") from error
