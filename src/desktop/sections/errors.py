"""The error a profile or code table raises when it cannot be used, naming file and key."""

from __future__ import annotations


class ProfileError(Exception):
    """A forms/ file or code table is wrong. The message is Chinese and names the file and key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}，{key}" if key else file
        super().__init__(f"模板配置有误（{where}）：{problem}")
