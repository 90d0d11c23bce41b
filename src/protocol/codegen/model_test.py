#!/usr/bin/python3
"""Tests of the description parser: the real file parses with the expected shape, and each
kind of mistake in a description is refused with a message naming the line."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import model  # noqa: E402

HEAD = """program REMOTE 0x20008086 1
limit STRING_MAX 4194304
limit LIST_MAX 10
struct nonnull_domain
    name: string, uuid: uuid, id: i32
"""


def parse(text):
    return model.Parser("test.def").parse(HEAD + text)


class RealDescriptionTest(unittest.TestCase):
    def setUp(self):
        self.m = model.parse_file(os.path.join(HERE, "..", "wire_protocol.def"))

    def test_counts(self):
        by_program = {}
        for p in self.m.procs:
            by_program[p.program] = by_program.get(p.program, 0) + 1
        self.assertEqual(by_program, {"REMOTE": 443, "QEMU": 7, "LXC": 1, "KEEPALIVE": 2})

    def test_shapes(self):
        self.assertEqual(self.m.min_wire("nonnull_domain"), 24)
        self.assertEqual(self.m.min_wire("typed_param"), 12)
        info = next(p for p in self.m.procs if p.name == "NODE_GET_INFO")
        fields = self.m.section_fields(info, "ret")
        self.assertEqual(fields[0].type.kind, "fixed_cstring")
        self.assertEqual(fields[0].type.size, 32)
        self.assertEqual(self.m.min_wire(info.sections["ret"]), 128 + 8 + 6 * 4)

    def test_names(self):
        self.assertEqual(model.snake("nrVirtCpu"), "nr_virt_cpu")
        self.assertEqual(model.snake("callbackID"), "callback_id")
        self.assertEqual(model.snake("xmlCPUs"), "xml_cpus")
        self.assertEqual(model.snake("hv_ver"), "hv_ver")
        self.assertEqual(model.snake("delete"), "delete_")
        self.assertEqual(model.pascal("domain_get_xml_desc"), "DomainGetXmlDesc")


class ErrorTest(unittest.TestCase):
    def assertRefused(self, text, fragment):
        with self.assertRaises(model.DescError) as ctx:
            parse(text)
        self.assertIn(fragment, str(ctx.exception))
        self.assertIn("test.def:", str(ctx.exception))

    def test_accepts_a_minimal_program(self):
        m = parse("proc REMOTE 1 A access=read fast\n    args n: list<i32, LIST_MAX>\n")
        self.assertEqual(m.procs[0].cpp_base, "A")

    def test_duplicate_number(self):
        self.assertRefused("proc REMOTE 1 A access=read\nproc REMOTE 1 B access=read\n",
                           "used by A and B")

    def test_gap_in_numbering(self):
        self.assertRefused("proc REMOTE 2 A access=read\n", "not 1..N")

    def test_unknown_type_limit_attribute(self):
        self.assertRefused("proc REMOTE 1 A access=read\n    args x: float\n", "unknown struct")
        self.assertRefused("proc REMOTE 1 A access=read\n    args x: list<i32, NOPE>\n",
                           "unknown limit NOPE")
        self.assertRefused("proc REMOTE 1 A access=read shiny\n", "unknown attribute shiny")

    def test_policy_rules(self):
        self.assertRefused("proc REMOTE 1 A access=write fast\n", "only access=read")
        self.assertRefused("proc REMOTE 1 A\n", "access must be one of")
        self.assertRefused("proc REMOTE 1 A event access=read\n    msg x: i32\n", "an event")
        self.assertRefused("proc REMOTE 1 A access=read ro-deny=flags&0x1\n    args x: u32\n",
                           "ro-deny names a field")

    def test_optional_only_for_strings_and_structs(self):
        self.assertRefused("proc REMOTE 1 A access=read\n    args x: i32?\n", "only strings")

    def test_struct_name_collision(self):
        text = "struct a_args\n    x: i32\nproc REMOTE 1 A access=read\n    args y: i32\n"
        self.assertRefused(text, "collides")

    def test_recursive_struct(self):
        with self.assertRaises(model.DescError):
            parse("struct loop\n    next: loop\nproc REMOTE 1 A access=read\n").ordered_structs()


if __name__ == "__main__":
    unittest.main()
