"""A second Python process for the build's side work: messages both ways, failures said plainly."""

from __future__ import annotations

import pytest

from handbook.core.second_process import Channel, SecondProcess, SecondProcessFailed


def doubles(channel: Channel) -> None:
    """Answers each number with its double until it is sent None."""
    while (number := channel.receive()) is not None:
        channel.send(number * 2)


def fails(channel: Channel) -> None:
    channel.receive()
    raise RuntimeError("this work fails")


def test_messages_go_both_ways_in_order() -> None:
    helper = SecondProcess(doubles)
    try:
        for number in (1, 2, 30):
            helper.send(number)
        assert [helper.receive() for _ in range(3)] == [2, 4, 60]
        helper.send(None)
    finally:
        helper.stop()
    assert not helper.is_alive()


def test_a_process_that_ends_without_answering_is_said() -> None:
    helper = SecondProcess(fails)
    helper.send("go")
    with pytest.raises(SecondProcessFailed, match="exit code 1"):
        helper.receive()
    helper.stop()


def test_what_cannot_be_sent_fails_in_the_caller() -> None:
    helper = SecondProcess(doubles)
    try:
        with pytest.raises((AttributeError, TypeError)):
            helper.send(lambda: None)  # pickled here, not silently dropped by the writer thread
        helper.send(21)
        assert helper.receive() == 42
    finally:
        helper.stop()
