"""Schools of every kind (docs/domain.md, "Organisation"): a voorschool has an LRK number and
no BRIN, an MBO institution no samenwerkingsverband, and VSO and PrO are sectors."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.constants import TRANSITIONS, Status
from partners.constants import Sector
from tests import factories


def _school(**fields):
    return factories.SchoolFactory.build(
        bestuur=factories.SchoolbestuurFactory(),
        samenwerkingsverband=fields.pop("samenwerkingsverband", None)
        or factories.SamenwerkingsverbandFactory(),
        organisation=factories.OrganisationFactory(kind="school"),
        **fields,
    )


@pytest.mark.django_db
def test_voorschool_needs_an_lrk_number_not_a_brin():
    school = _school(sector=Sector.VOORSCHOOL, brin="12AB")
    with pytest.raises(ValidationError) as refused:
        school.full_clean()
    assert "Een voorschool heeft een LRK-nummer." in refused.value.message_dict["lrk_number"]
    assert refused.value.message_dict["brin"]
    school.brin, school.lrk_number = "", "123456789"
    school.full_clean()
    school.save()
    assert school.brin is None
    assert school.register_label == "LRK 123456789"


@pytest.mark.django_db
def test_lrk_number_is_nine_digits_and_only_for_a_voorschool():
    school = _school(sector=Sector.VOORSCHOOL, brin=None, lrk_number="12345")
    with pytest.raises(ValidationError, match="negen cijfers"):
        school.full_clean()
    school = _school(sector=Sector.PO, lrk_number="123456789")
    with pytest.raises(ValidationError, match="Alleen een voorschool"):
        school.full_clean()


@pytest.mark.django_db
def test_mbo_belongs_to_no_samenwerkingsverband():
    school = _school(sector=Sector.MBO)
    with pytest.raises(ValidationError, match="geen samenwerkingsverband"):
        school.full_clean()
    school.samenwerkingsverband = None
    school.full_clean()
    school.save()


@pytest.mark.django_db
def test_other_schools_need_a_samenwerkingsverband_also_in_the_database():
    school = _school(sector=Sector.VSO)
    school.samenwerkingsverband = None
    with pytest.raises(ValidationError, match="Kies het samenwerkingsverband"):
        school.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        school.save()


@pytest.mark.django_db
def test_vso_and_pro_are_sectors():
    for sector in (Sector.VSO, Sector.PRO):
        _school(sector=sector).full_clean()


def test_loket_and_tlv_are_two_routes():
    assert Status.DOORGEZET_LOKET in TRANSITIONS[Status.EVALUATIE]
    assert Status.DOORGEZET_TLV in TRANSITIONS[Status.EVALUATIE]
    assert Status.DOORGEZET_LOKET != Status.DOORGEZET_TLV
    assert Status.DOORGEZET_TLV in TRANSITIONS[Status.DOORGEZET_LOKET]
    assert Status.UITVOERING in TRANSITIONS[Status.DOORGEZET_TLV]
